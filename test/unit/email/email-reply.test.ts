import { describe, expect, it } from 'vitest';
import { extractCustomerText, normalizeEmailText } from '../../../shared/domain/email-reply.js';
import { isClosingLine, isMobileSignature, isShortSignature } from '../../../shared/domain/email-reply.rules.js';

const BODY = 'O produto chegou quebrado e quero a troca.';

describe('extractCustomerText: reply headers', () => {
  it.each([
    ['Gmail pt on one line', `${BODY}\n\nEm seg., 23 de nov. de 2026 às 14:02, Fulano <fulano@x.com> escreveu:\n\n> Olá!\n> Tudo certo?`],
    ['Gmail pt wrapped after "<"', `${BODY}\n\nEm seg., 23 de nov. de 2026 às 14:02, Fulano de Tal da Silva <\nfulano@x.com> escreveu:\n\n> Olá!`],
    ['Gmail pt wrapped before the address', `${BODY}\n\nEm seg., 23 de nov. de 2026 às 14:02, Fulano\n<fulano@x.com> escreveu:\n> Olá!`],
    ['Outlook mobile pt', `${BODY}\n\nEm 23/11/2026 14:02, Fulano escreveu:\nOlá! Segue o código.`],
    ['Gmail en', `${BODY}\n\nOn Mon, Nov 23, 2026 at 2:02 PM Jane <jane@x.com> wrote:\n\n> Hello!`],
    ['Gmail en wrapped', `${BODY}\n\nOn Mon, Nov 23, 2026 at 2:02 PM Jane Doe from Support <\njane@x.com> wrote:\n\n> Hello!`],
    ['-----Original Message-----', `${BODY}\n\n-----Original Message-----\nFrom: Jane\nSent: Monday\nTo: me\nSubject: Order\n\nHello!`],
    ['-----Mensagem original-----', `${BODY}\n\n-----Mensagem original-----\nDe: Loja\nEnviada em: segunda-feira\nPara: mim\nAssunto: Pedido\n\nOlá!`],
    ['Outlook en header block', `${BODY}\n\nFrom: Support <support@loja.example>\nSent: Monday, November 23, 2026 2:02 PM\nTo: Ana <ana@x.com>\nSubject: RE: Order\n\nHello Ana,`],
    ['Outlook pt header block, no address', `${BODY}\n\nDe: Suporte Loja\nEnviado: segunda-feira, 23 de novembro de 2026 14:02\nPara: Ana\nAssunto: RE: Pedido\n\nOlá Ana,`],
    ['Outlook rule and bold header block', `${BODY}\n\n________________________________\n*From:* Support\n*Sent:* Monday\n*To:* Ana\n*Subject:* Order\n\nHello`],
    ['Gmail forward pt', `${BODY}\n\n---------- Mensagem encaminhada ---------\nDe: Loja <a@loja.example>\nDate: seg., 23 de nov. de 2026\nSubject: Pedido\nTo: <ana@x.com>\n\nSeu pedido saiu.`],
    ['Apple forward', `${BODY}\n\nInício da mensagem encaminhada:\n\nDe: Loja <a@loja.example>\nAssunto: Pedido\nData: 23 de novembro de 2026\n\nSeu pedido saiu.`],
    ['Outlook fr header block', `${BODY}\n\nDe : Support Loja\nEnvoyé : lundi 23 novembre 2026 14:02\nÀ : Ana\nObjet : RE: Commande\n\nBonjour Ana,`],
    ['French, by the library', `${BODY}\n\nLe lun. 23 nov. 2026 à 14:02, Loja <a@loja.example> a écrit :\n> Bonjour`],
    ['Spanish, by the library', `${BODY}\n\nEl lun, 23 nov 2026 a las 14:02, Loja (<a@loja.example>) escribió:\n> Hola`],
  ])('%s', (_label, text) => {
    expect(extractCustomerText(text)).toBe(BODY);
  });

  it('removes interleaved ">" lines and keeps the answers between them', () => {
    const text = '> Qual o número do pedido?\n48213\n\n> E o CPF?\nPrefiro não informar por e-mail.';
    expect(extractCustomerText(text)).toBe('48213\n\nPrefiro não informar por e-mail.');
  });

  it('does not take a sentence starting with "Em" or "On" for an attribution', () => {
    const text = 'Em resumo, o atendente escreveu:\nque eu deveria esperar.\n\nOn the other hand the app wrote:\nnothing useful.';
    expect(extractCustomerText(text)).toBe(text);
  });

  it('does not cut at a lone "De:" line in the customer text', () => {
    const text = 'Recebi uma mensagem estranha.\nDe: um número desconhecido\nPedindo meus dados.';
    expect(extractCustomerText(text)).toBe(text);
  });
});

describe('extractCustomerText: signatures', () => {
  it.each([
    ['Enviado do meu iPhone'],
    ['Enviado do meu Android'],
    ['Enviado do meu smartphone Samsung Galaxy.'],
    ['Enviado do meu Redmi Note 8'],
    ['Sent from my iPhone'],
    ['Sent from my Galaxy'],
    ['Get Outlook for iOS'],
    ['Get Outlook for Android<https://aka.ms/ghei36>'],
    ['Obter o Outlook para Android'],
    ['Enviado do Yahoo Mail para iPhone'],
    ['Envoyé de mon iPhone'],
    ['Enviado desde mi iPhone'],
  ])('drops the mobile signature "%s"', (signature) => {
    expect(extractCustomerText(`${BODY}\n\n${signature}`)).toBe(BODY);
  });

  it('cuts a "-- " signature block', () => {
    expect(extractCustomerText(`${BODY}\n\n-- \nAna Lima\nGerente de Compras\n(11) 99999-0000`)).toBe(BODY);
  });

  it('cuts a bare "--" signature block', () => {
    expect(extractCustomerText(`${BODY}\n--\nAna`)).toBe(BODY);
  });

  it.each([
    ['Atenciosamente,\nMaria Souza'],
    ['Atenciosamente,\nMaria Souza\nFinanceiro – Empresa Exemplo Ltda.\n(11) 4002-8922'],
    ['Att.,\nJoão'],
    ['Abs,\nPedro'],
    ['Obrigada!\nAna'],
    ['Best regards,\nJohn Smith\nAcme Ltd.'],
    ['Thanks,\nJohn'],
    ['Kind regards\nJane | Procurement'],
  ])('cuts a closing followed by a short signature: %j', (closing) => {
    expect(extractCustomerText(`${BODY}\n\n${closing}`)).toBe(BODY);
  });

  it('keeps a closing with nothing after it (it is the customer\'s last words)', () => {
    expect(extractCustomerText(`${BODY}\n\nObrigado!`)).toBe(`${BODY}\n\nObrigado!`);
  });

  it('keeps a closing followed by more of the customer\'s words', () => {
    const text = `${BODY}\n\nObrigado!\nAh, e o carregador também não funciona quando ligo na tomada.`;
    expect(extractCustomerText(text)).toBe(text);
    const en = 'Best regards,\nJohn\n\nP.S. the app also crashes when I open the cart, please check it.';
    expect(extractCustomerText(en)).toBe(en);
  });

  it('keeps sentences that only start like a closing or a mobile signature', () => {
    const text = 'Obrigado pela resposta, mas o problema continua.\nSent from the warehouse yesterday, the parcel never arrived and nobody could tell me why.';
    expect(extractCustomerText(text)).toBe(text);
  });

  it('handles a full reply: text, closing, signature, mobile line, quote', () => {
    const text = `Oi,\n\n${BODY}\n\nAtenciosamente,\nAna\n\nEnviado do meu iPhone\n\nEm 23 de nov. de 2026, à(s) 14:02, Loja <a@loja.example> escreveu:\n> Olá`;
    expect(extractCustomerText(text)).toBe(`Oi,\n\n${BODY}`);
  });
});

describe('extractCustomerText: never empty', () => {
  it('falls back to the closing when it is all there is', () => {
    expect(extractCustomerText('Obrigado!\nAna')).toBe('Obrigado!\nAna');
  });

  it('falls back to the first non-quoted block when the customer only forwarded', () => {
    const text = '-------- Forwarded Message --------\nSubject: Pedido\nFrom: Loja <a@loja.example>\nTo: ana@x.com\nDate: Mon\n\nSeu pedido saiu.';
    expect(extractCustomerText(text)).toBe('Seu pedido saiu.');
  });

  it('falls back to the quoted text, without ">", when everything is quoted', () => {
    expect(extractCustomerText('> só isto\n> e isto')).toBe('só isto\ne isto');
  });

  it('returns the signature line when nothing else was written', () => {
    expect(extractCustomerText('Enviado do meu iPhone')).toBe('Enviado do meu iPhone');
  });

  it('returns "" only for blank input', () => {
    expect(extractCustomerText(' \r\n\u00A0\n')).toBe('');
  });
});

describe('extractCustomerText: robustness', () => {
  it('normalizes CRLF, NBSP, zero-width characters and blank runs', () => {
    expect(normalizeEmailText('\uFEFFOlá,\r\n\r\n\r\n\r\nTudo\u00A0bem?\u200B  \r\n')).toBe('Olá,\n\nTudo bem?');
  });

  it('keeps a long paragraph intact (the library never sees long lines)', () => {
    const paragraph = `${'Este produto é muito ruim e eu quero o meu dinheiro de volta. '.repeat(10).trim()}`;
    expect(extractCustomerText(`${paragraph}\n\nLe lun. 23 nov. 2026 à 14:02, Loja <a@loja.example> a écrit :\n> Bonjour`)).toBe(paragraph);
  });

  it('stays fast on text crafted against backtracking regexes', () => {
    const crafted = ['Op a schreef b\n'.repeat(260), 'man. a skrev b\n'.repeat(260), '1234 from '.repeat(2_000), 'Em a escreveu\n'.repeat(5_000)];
    for (const text of crafted) {
      const started = performance.now();
      expect(extractCustomerText(text).length).toBeGreaterThan(0);
      expect(performance.now() - started).toBeLessThan(1_500);
    }
  });
});

describe('rules', () => {
  it('isClosingLine', () => {
    for (const yes of ['Atenciosamente,', 'Att.', 'Abraços', 'Um abraço,', 'Abs, Ana', 'Obrigado!', 'Muito obrigada,', 'Thanks, John', 'Best regards,', 'Cheers', 'Sincerely,']) {
      expect(isClosingLine(yes), yes).toBe(true);
    }
    for (const no of ['Obrigado pela ajuda.', 'Thanks for nothing', 'Best product ever', 'Atenciosamente não me responderam', 'Abs']) {
      expect(isClosingLine(no), no).toBe(no === 'Abs');
    }
  });

  it('isMobileSignature', () => {
    expect(isMobileSignature('Enviado do meu iPhone')).toBe(true);
    expect(isMobileSignature('Obter o Outlook para iOS')).toBe(true);
    expect(isMobileSignature('Enviado do meu celular porque estou sem computador e o produto chegou quebrado')).toBe(false);
  });

  it('isShortSignature', () => {
    expect(isShortSignature(['Maria Souza', 'Financeiro – Empresa Exemplo Ltda.', '(11) 4002-8922'])).toBe(true);
    expect(isShortSignature([])).toBe(false);
    expect(isShortSignature(['Maria', 'Você pode me ligar amanhã?'])).toBe(false);
    expect(isShortSignature(['1', '2', '3', '4', '5', '6', '7'])).toBe(false);
  });
});
