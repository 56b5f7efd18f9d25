import { pinyin } from 'pinyin-pro';

/** Lower-case pinyin initials of a name, letters and digits kept as they are: 民政局 → mzj. */
export function initialsOf(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .replace(/[^0-9a-zA-Z]/g, '')
    .toLowerCase();
}
