// Development mail: a real SMTP server on loopback (the `smtp-server` package) that keeps every message
// it receives as an .eml file, so report packs sent by `npm start` can be opened without a mail service.
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export async function startDevSmtp({ dir, port = 0, log = () => {} }) {
  fs.mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((a) => a.address).join(',');
      const file = path.join(
        dir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${to.replace(/[^\w@.-]/g, '_')}.eml`,
      );
      const out = fs.createWriteStream(file);
      stream.pipe(out);
      out.on('finish', () => {
        log(`mail for ${to} saved to ${path.relative(process.cwd(), file)}`);
        callback(null);
      });
    },
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address();
  return { url: `smtp://127.0.0.1:${address.port}`, close: () => new Promise((r) => server.close(r)) };
}
