/** Plural forms through Intl.PluralRules: Russian has one, few, many (and other for fractions). */

export type Language = 'ru' | 'en';

/** A word's forms by plural category, e.g. { one: 'заявление', few: 'заявления', many: 'заявлений' }. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>>;

const rules = new Map<string, Intl.PluralRules>();

export function pluralCategory(language: Language, n: number, type: Intl.PluralRuleType = 'cardinal'): Intl.LDMLPluralRule {
  let rule = rules.get(language + type);
  if (!rule) rules.set(language + type, (rule = new Intl.PluralRules(language, { type })));
  return rule.select(n);
}

/**
 * The form for n. A Russian fraction is `other` («1,5 достижения»), which has the form of `few`
 * when a word lists only one, few and many.
 */
export function plural(language: Language, n: number, forms: PluralForms): string {
  const category = pluralCategory(language, n);
  return forms[category] ?? forms.other ?? forms.few ?? forms.many ?? forms.one ?? '';
}

/**
 * The form after a preposition that takes the genitive («3 из 5 заявлений», «1 из 1 заявления»):
 * the genitive singular after numbers ending in 1 (not 11), which for Russian nouns is the form of
 * `few`; the genitive plural, the form of `many`, after every other number. English: the plural.
 */
export function pluralGenitive(language: Language, n: number, forms: PluralForms): string {
  if (language === 'ru') return pluralCategory(language, n) === 'one' ? (forms.few ?? forms.many ?? '') : (forms.many ?? forms.other ?? '');
  return plural(language, n, forms);
}
