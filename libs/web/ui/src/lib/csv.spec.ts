import { csvCell, toCsv } from './csv';

describe('client-side CSV', () => {
  it('quotes commas, quotes and new lines', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
  });

  it('neutralises cells that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+44')).toBe("'+44");
    expect(csvCell(-3)).toBe('-3');
  });

  it('writes a header and rows with CRLF line ends', () => {
    expect(toCsv(['Code', 'Name'], [['RJ1', "Guy's"]])).toBe("Code,Name\r\nRJ1,Guy's\r\n");
  });
});
