// Maps the tsconfig path aliases (@aiwr/*) for jest, so tests import libs exactly as the apps do.
const path = require('node:path');
const { compilerOptions } = require('../tsconfig.base.json');

exports.pathsToModuleNameMapper = () =>
  Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
      `^${alias.replace(/[/\\-]/g, (c) => `\\${c}`)}$`,
      path.join(__dirname, '..', target),
    ]),
  );
