// Visitor languages (docs/ui.md, "Visitor languages"). Besides Dutch, English and French the widget speaks
// Arabic (right to left), Tigrinya, Ukrainian, Romanian and Polish: languages of young newcomers in NL/BE.
// The first visit follows the browser's languages (navigator.languages) when one matches, else Dutch; the
// picker in the top bar changes it. A text a language lacks shows in English, then Dutch. Each language's
// texts are in their own file (visitor_texts_<lang>.js), to hand to the interpreter who reviews them.
import { clear, el } from './common.js';
import { AR } from './visitor_texts_ar.js';
import { PL } from './visitor_texts_pl.js';
import { RO } from './visitor_texts_ro.js';
import { TI } from './visitor_texts_ti.js';
import { UK } from './visitor_texts_uk.js';

export const EXTRA_TEXTS = { ar: AR, ti: TI, uk: UK, ro: RO, pl: PL };
export const RTL = ['ar'];
/** For a key the chosen language lacks: English (more newcomers read it than Dutch), then Dutch. */
export const FALLBACK = ['en', 'nl'];

/** Each language by its own name, as its speakers look for it. */
export const LANGUAGE_NAMES = {
  nl: 'Nederlands', en: 'English', fr: 'Français', ar: 'العربية', ti: 'ትግርኛ', uk: 'Українська', ro: 'Română', pl: 'Polski',
};

/** The browser's languages as primary subtags ('uk-UA' -> 'uk'), in the browser's order of preference. */
export function browserLanguages() {
  const list = navigator.languages?.length ? navigator.languages : [navigator.language];
  return list.filter(Boolean).map((l) => String(l).toLowerCase().split('-')[0]).map((l) => (l === 'mo' ? 'ro' : l));
}

/** What the closed picker shows: short, so the top bar keeps room for "Snel weg" on a phone. Not "UK"
 *  for Ukrainian (read as the United Kingdom): its own abbreviation. */
export const SHORT_NAMES = { nl: 'NL', en: 'EN', fr: 'FR', ar: 'عربي', ti: 'ትግ', uk: 'УКР', ro: 'RO', pl: 'PL' };

/** The picker: one option per language, by its own name, in its own script and direction. The native
 *  select stays the control (keyboard, screen readers, the phone's own list); over it, the short name. */
export function fillPicker(select, langs, i18n) {
  clear(select);
  for (const l of langs) {
    select.append(el('option', { value: l, lang: l, dir: RTL.includes(l) ? 'rtl' : 'ltr', text: LANGUAGE_NAMES[l] ?? l.toUpperCase() }));
  }
  const short = el('span', { class: 'lang-short', 'aria-hidden': 'true' });
  const label = () => { short.textContent = SHORT_NAMES[i18n.lang] ?? i18n.lang.toUpperCase(); short.lang = i18n.lang; };
  select.before(short);
  select.closest('.lang')?.classList.add('compact');
  label();
  i18n.onChange(label);
}
