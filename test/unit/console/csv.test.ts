import { describe, expect, it } from 'vitest';
import { BOM, csvCell, csvFileName, toCsv } from '../../../console/src/csv.js';

describe('toCsv (RFC 4180, Excel-friendly)', () => {
  it('starts with a UTF-8 BOM, separates with commas and ends every line with CRLF', () => {
    expect(toCsv(['Frase', 'Ocorrências'], [['entrega', 2], ['preço', 1]])).toBe(`${BOM}Frase,Ocorrências\r\nentrega,2\r\npreço,1\r\n`);
    expect(BOM).toBe('\uFEFF');
    // Encoded as UTF-8 the file starts with EF BB BF and keeps the accents as UTF-8.
    const bytes = new TextEncoder().encode(toCsv(['ç'], []));
    expect([...bytes]).toEqual([0xef, 0xbb, 0xbf, 0xc3, 0xa7, 0x0d, 0x0a]);
  });

  it('quotes cells holding a comma, a quote or a line break, doubling inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('disse "já"')).toBe('"disse ""já"""');
    expect(csvCell('linha 1\nlinha 2')).toBe('"linha 1\nlinha 2"');
    expect(csvCell('fim\r')).toBe('"fim\r"');
    expect(csvCell('simples')).toBe('simples');
    expect(toCsv(['x'], [['reembolso, "já"']])).toBe(`${BOM}x\r\n"reembolso, ""já"""\r\n`);
  });

  it('writes numbers as numbers and no data as an empty cell', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [[-12.5, 0, null, undefined]])).toBe(`${BOM}a,b,c,d\r\n-12.5,0,,\r\n`);
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula (customer text can be a table cell)', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+55 11')).toBe("'+55 11");
    expect(csvCell('-frete')).toBe("'-frete");
    expect(csvCell('@conta')).toBe("'@conta");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-3)).toBe('-3'); // a negative number stays a number
  });

  it('names files from safe characters only', () => {
    expect(csvFileName('agents', '2024-05-01', '2024-05-31')).toBe('ouvidor-agents-2024-05-01_2024-05-31.csv');
    expect(csvFileName('../x y', 'a/b', 'c')).toBe('ouvidor-..-x-y-a-b_c.csv');
  });
});
