// npm run mappings -- <command> [options]      (an analyst scripting a trust's mappings; see docs/importing.md)
//   list areas|courses|targets|unmatched|history   [--org CODE]
//   suggest area|course VALUE                       [--org CODE]
//   set-area "AREA OF WORK" CLINICAL_AREA          --as EMAIL --reason TEXT [--org CODE] [--preview] [--remove]
//   set-course "COURSE NAME" MODULE                --as EMAIL --reason TEXT [--org CODE] [--preview] [--remove]
//   set-target PCT [--amber PCT] [--layer L | --module M] [--from YYYY-MM-DD]
//                                                  --as EMAIL --reason TEXT [--org CODE | --region CODE] [--preview] [--remove]
// Every change goes through the same service as the API: the access policy of the user named by --as,
// a preview when --preview is given (nothing saved), otherwise a versioned, audited change that
// re-evaluates the affected organisations. Prints JSON.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule } from '@aiwr/server-core';
import { AccessModule, Caller, UsersService } from '@aiwr/server-access';
import {
  MappingsModule,
  MappingsService,
  ReferenceChangeInput,
  ReferenceKindEnum,
} from '@aiwr/server-mappings';

@Module({ imports: [CoreModule, AccessModule, MappingsModule] })
class MappingsCliModule {}

const USAGE =
  'usage: npm run mappings -- list|suggest|set-area|set-course|set-target ... (see apps/cli/src/mappings.ts)';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      region: { type: 'string' },
      as: { type: 'string' },
      reason: { type: 'string' },
      layer: { type: 'string' },
      module: { type: 'string' },
      amber: { type: 'string' },
      from: { type: 'string' },
      preview: { type: 'boolean', default: false },
      remove: { type: 'boolean', default: false },
    },
  });
  const [command, a, b] = positionals;
  if (!command) return usage();
  const app = await NestFactory.createApplicationContext(MappingsCliModule, { logger: ['error'] });
  try {
    const service = app.get(MappingsService);
    if (!values.as && (values.org || command.startsWith('set-')))
      throw new Error(
        "Name the user with --as EMAIL: that user's access decides what you may see and change.",
      );
    const caller = await callerFor(app.get(UsersService), values.as);
    const org = values.org?.toUpperCase();
    const print = (x: unknown) => console.log(JSON.stringify(x, null, 2));
    if (command === 'list') {
      const lists: Record<string, () => Promise<unknown>> = {
        areas: () => service.areaMappings(caller, org),
        courses: () => service.equivalences(caller, org),
        targets: () => service.targets(caller, org),
        unmatched: () => service.unmatchedCourses(caller, org),
        history: () => service.history(caller, null, org),
      };
      if (!lists[a]) return usage();
      print(await lists[a]());
      return 0;
    }
    if (command === 'suggest') {
      if (!b || (a !== 'area' && a !== 'course')) return usage();
      const kind = a === 'area' ? ReferenceKindEnum.AREA_OF_WORK : ReferenceKindEnum.COURSE_EQUIVALENCE;
      print(await service.suggestions(caller, kind, b, org));
      return 0;
    }
    const change = toInput(command, a, b, values);
    if (!change) return usage();
    if (values.preview) print(await service.preview(caller, change));
    else print(await service.change(caller, change, values.reason ?? ''));
    return 0;
  } finally {
    await app.close();
  }
}

function toInput(
  command: string,
  a: string | undefined,
  b: string | undefined,
  v: Record<string, string | boolean | undefined>,
): ReferenceChangeInput | null {
  const common = { orgCode: v.org as string | undefined, remove: v.remove as boolean };
  if (command === 'set-area' && a && (b || v.remove))
    return { kind: ReferenceKindEnum.AREA_OF_WORK, ...common, areaOfWork: a, clinicalAreaCode: b };
  if (command === 'set-course' && a && (b || v.remove))
    return { kind: ReferenceKindEnum.COURSE_EQUIVALENCE, ...common, courseName: a, moduleCode: b };
  if (command === 'set-target' && (a || v.remove))
    return {
      kind: ReferenceKindEnum.COVERAGE_TARGET,
      ...common,
      regionCode: v.region as string | undefined,
      layer: v.layer as string | undefined,
      moduleCode: v.module as string | undefined,
      effectiveFrom: v.from as string | undefined,
      targetPct: a === undefined ? undefined : Number(a),
      amberPct: v.amber === undefined ? undefined : Number(v.amber),
    };
  return null;
}

/** The user the command acts as (reading needs no user: it then sees national rows only). */
async function callerFor(users: UsersService, email: string | undefined): Promise<Caller> {
  if (!email) return { userId: '', email: 'cli (no user)', role: 'analyst', grants: [] };
  const user = (await users.list()).find((u) => u.email === email.trim().toLowerCase());
  if (!user || user.disabledAt) throw new Error(`No active user ${email}.`);
  return { userId: user.id, email: user.email, role: user.role, grants: user.grants };
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
