// Prints the text of the PDF given on stdin (pdf-parse). Run as a child process because pdf.js loads its
// worker with a dynamic import, which jest's module runtime does not allow.
import { PDFParse } from 'pdf-parse';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
const { text } = await parser.getText();
await parser.destroy();
process.stdout.write(text);
