/** Date and time as the host's locale shows it; `—` for a missing value. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? '—'
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** `1h 2m 5s`-style durations; seconds stay exact because deploy times are often short. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', `${rest}s`].filter(Boolean).slice(0, 3).join(' ');
}

/** Human label of an enum value: `READY_TO_DEPLOY` → `Ready to deploy`. */
export function enumLabel(value: string): string {
  const words = value.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Time of day with seconds, for event lines that arrive seconds apart. */
export function formatClock(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : date.toLocaleTimeString(undefined, { timeStyle: 'medium' });
}

/** Whole numbers with the locale's grouping: `12 345`. */
export function formatCount(value: number): string {
  return value.toLocaleString();
}

/** In the locale's currency format; a currency Intl does not know (HANGAR_COST_CURRENCY=credits) follows the number. */
export function formatAmount(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toLocaleString(undefined, { maximumFractionDigits: 2 })} ${currency}`;
  }
}

/** Hours to two decimals: `612.5 h`. */
export const formatHours = (value: number) =>
  `${value.toLocaleString(undefined, { maximumFractionDigits: 2 })} h`;
