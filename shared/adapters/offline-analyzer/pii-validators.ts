/**
 * Check-digit and shape validators for the identifiers the PII redactor looks for.
 * All take digit-only strings.
 */

/** Brazilian CPF: 11 digits, two mod-11 check digits, not all digits equal. */
export function isValidCpf(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  for (let check = 9; check <= 10; check++) {
    let sum = 0;
    for (let i = 0; i < check; i++) sum += Number(digits[i]) * (check + 1 - i);
    const expected = ((sum * 10) % 11) % 10;
    if (expected !== Number(digits[check])) return false;
  }
  return true;
}

const CNPJ_WEIGHTS_1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_WEIGHTS_2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/** Brazilian CNPJ: 14 digits, two mod-11 check digits, not all digits equal. */
export function isValidCnpj(digits: string): boolean {
  if (!/^\d{14}$/.test(digits) || /^(\d)\1{13}$/.test(digits)) return false;
  const checkDigit = (weights: readonly number[]): number => {
    let sum = 0;
    for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * (weights[i] ?? 0);
    const r = sum % 11;
    return r < 2 ? 0 : 11 - r;
  };
  return checkDigit(CNPJ_WEIGHTS_1) === Number(digits[12]) && checkDigit(CNPJ_WEIGHTS_2) === Number(digits[13]);
}

/** Luhn (mod 10) checksum. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Issuer prefix and length of the major schemes (Visa, Mastercard, Amex, Elo, Hipercard, Discover, Diners, JCB). */
const CARD_SHAPE_RE =
  /^(?:4\d{12}(?:\d{3}){0,2}|5[1-5]\d{14}|2(?:2[2-9]\d|[3-6]\d\d|7[01]\d|720)\d{12}|3[47]\d{13}|3(?:0[0-5]|[68]\d)\d{11,16}|35(?:2[89]|[3-8]\d)\d{12,15}|6(?:011|5\d\d|4[4-9]\d|2\d\d)\d{12,15}|(?:636368|438935|504175|451416|636297|5067\d\d|4576\d\d|4011\d\d|650\d\d\d|6062\d\d|3841\d\d)\d{10,13})$/;

/** A plausible payment-card number: known issuer shape and a valid Luhn checksum. */
export function isValidCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && CARD_SHAPE_RE.test(digits) && luhnValid(digits);
}

/** Brazilian area codes (DDD) in use. */
const BR_DDD = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46, 47,
  48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87,
  88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
]);

/** A Brazilian phone number, national digits (no country code): DDD + 8 (landline) or 9 (mobile) digits. */
export function isBrazilianPhone(national: string): boolean {
  if (national.length !== 10 && national.length !== 11) return false;
  if (!BR_DDD.has(Number(national.slice(0, 2)))) return false;
  const subscriber = national.slice(2);
  return subscriber.length === 9 ? subscriber[0] === '9' : /^[2-5]/.test(subscriber);
}

/** A Brazilian subscriber number without area code (8 or 9 digits). */
export function isBrazilianLocalPhone(digits: string): boolean {
  return digits.length === 9 ? digits[0] === '9' : digits.length === 8 && /^[2-5]/.test(digits);
}
