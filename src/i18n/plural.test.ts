import { expect } from '@open-wc/testing';
import { formatNumber } from './format.ts';
import { plural, pluralGenitive } from './plural.ts';
import { progressMessages } from './progress.ts';

const ACHIEVEMENT = { one: 'достижение', few: 'достижения', many: 'достижений' };

/** The rule as a grammar book states it, written apart from Intl. */
function russianForm(n: number): 'one' | 'few' | 'many' {
  const [last, lastTwo] = [n % 10, n % 100];
  if (last === 1 && lastTwo !== 11) return 'one';
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return 'few';
  return 'many';
}

describe('Russian plurals through Intl.PluralRules', () => {
  it('agree with the grammar for every n from 0 to 200', () => {
    for (let n = 0; n <= 200; n += 1) expect(plural('ru', n, ACHIEVEMENT), `n = ${n}`).to.equal(ACHIEVEMENT[russianForm(n)]);
  });

  it('say 1 достижение, 2 достижения, 5 достижений, 1,5 достижения', () => {
    const say = (n: number) => `${formatNumber('ru', n)} ${plural('ru', n, ACHIEVEMENT)}`;
    expect([1, 2, 5, 1.5].map(say)).to.deep.equal(['1 достижение', '2 достижения', '5 достижений', '1,5 достижения']);
  });

  it('take the genitive after «из» for every n from 0 to 200: singular after 1, 21, 101 (not 11, 111), plural after the rest', () => {
    const unit = { one: 'заявление', few: 'заявления', many: 'заявлений' };
    const english = { one: 'application', other: 'applications' };
    for (let n = 0; n <= 200; n += 1) {
      // The genitive singular («из 21 заявления») where the grammar's form is `one`, else the genitive plural («из 22 заявлений»).
      const genitive = russianForm(n) === 'one' ? 'заявления' : 'заявлений';
      expect(pluralGenitive('ru', n, unit), `n = ${n}`).to.equal(genitive);
      expect(progressMessages.ru.progress(0, n, unit), `n = ${n}`).to.equal(`0 из ${formatNumber('ru', n)} ${genitive}`);
      expect(pluralGenitive('en', n, english), `en, n = ${n}`).to.equal(n === 1 ? 'application' : 'applications');
    }
  });

  it('take the genitive after «из»: 1 из 1 заявления, 3 из 5 заявлений, 2 из 21 заявления', () => {
    const unit = { one: 'заявление', few: 'заявления', many: 'заявлений' };
    expect(progressMessages.ru.progress(1, 1, unit)).to.equal('1 из 1 заявления');
    expect(progressMessages.ru.progress(3, 5, unit)).to.equal('3 из 5 заявлений');
    expect(progressMessages.ru.progress(2, 21, unit)).to.equal('2 из 21 заявления');
    expect(progressMessages.ru.progress(2, 11, unit)).to.equal('2 из 11 заявлений');
    expect(progressMessages.ru.remaining(2, unit)).to.equal('ещё 2 заявления');
    expect(pluralGenitive('en', 1, { one: 'application', other: 'applications' })).to.equal('application');
    expect(progressMessages.en.progress(3, 5, { one: 'application', other: 'applications' })).to.equal('3 of 5 applications');
  });
});
