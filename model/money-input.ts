// Amounts organisers type into console forms ("12.5", "12,50", "1200"), read into integer minor units
// of the currency without ever going through a float.
import { currencyExponent } from './tickets.ts';

/** Minor units of a typed amount; undefined unless it is above 0 with at most the currency's digits. */
export function minorOf(text: string, currency: string): number | undefined {
  const digits = currencyExponent(currency);
  const t = text.trim();
  const pattern = digits ? new RegExp(`^\\d{1,9}([.,]\\d{1,${digits}})?$`) : /^\d{1,9}$/;
  if (!pattern.test(t)) return undefined;
  const [whole, part = ''] = t.split(/[.,]/);
  const minor = Number(whole) * 10 ** digits + Number(part.padEnd(digits, '0') || '0');
  return minor > 0 && Number.isSafeInteger(minor) ? minor : undefined;
}
