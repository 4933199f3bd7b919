// What a number setting accepts, in words a student reads beside the field (pure: tested in Node).

/** The number `text` says, if it is one the setting accepts (within [min, max], whole when `int`). */
export function numberIn(text: string, min: number, max: number, int = false): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= min && n <= max && (!int || Number.isInteger(n)) ? n : undefined;
}

const words = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 6 });

/** Why `text` is not accepted, and what is: `"12 is too large: a whole number from 1 to 8"`. */
export function limitWords(text: string, min: number, max: number, int = false): string {
  const range = `${int ? 'a whole number' : 'a number'} from ${words(min)} to ${words(max)}`;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) return `Type ${range}.`;
  if (n > max) return `${text.trim()} is too large: ${range}. The last good value is kept.`;
  if (n < min) return `${text.trim()} is too small: ${range}. The last good value is kept.`;
  return `${text.trim()} is not whole: ${range}. The last good value is kept.`;
}
