import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string[]; raw: string };
export type TestSmtp = {
  url: string;
  received: ReceivedMail[];
  /** Every DATA attempt per recipient address, accepted or refused. */
  attempts: Map<string, number>;
  /** Recipients whose mail the server refuses (a 550 after DATA), to make sends fail. */
  refuse: Set<string>;
  close: () => Promise<void>;
};

/** A real SMTP server on loopback (the `smtp-server` package): what the product sends in tests lands here. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const attempts = new Map<string, number>();
  const refuse = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((a) => a.address);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        for (const t of to) attempts.set(t, (attempts.get(t) ?? 0) + 1);
        if (to.some((t) => refuse.has(t))) {
          const err = Object.assign(new Error('Mailbox unavailable (test refusal)'), { responseCode: 550 });
          return callback(err);
        }
        received.push({ to, raw: Buffer.concat(chunks).toString('latin1') });
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type ParsedMail = {
  headers: Record<string, string>;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
};

/** Enough of MIME to read what nodemailer writes: nested multiparts, base64 and quoted-printable parts. */
export function parseMail(raw: string): ParsedMail {
  const out: ParsedMail = { headers: {}, text: '', attachments: [] };
  const walk = (part: string, top: boolean) => {
    const split = part.indexOf('\r\n\r\n');
    const head = part.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
    const body = part.slice(split + 4);
    const headers: Record<string, string> = {};
    for (const line of head.split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
    }
    if (top) out.headers = headers;
    const type = headers['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
    if (type.startsWith('multipart/') && boundary) {
      for (const p of body.split(`--${boundary}`).slice(1))
        if (!p.startsWith('--')) walk(p.replace(/^\r\n/, ''), false);
      return;
    }
    const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
    const content =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
        : encoding === 'quoted-printable'
          ? Buffer.from(
              body
                .replace(/=\r\n/g, '')
                .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            )
          : Buffer.from(body, 'latin1');
    const filename = /filename="?([^";]+)"?/.exec(headers['content-disposition'] ?? '')?.[1];
    if (filename) out.attachments.push({ filename, contentType: type.split(';')[0], content });
    else if (type.startsWith('text/plain')) out.text += content.toString('utf8');
  };
  walk(raw, true);
  return out;
}
