/** The words for who wrote a note (AttributionWords) in a translator's language [LG1]. */
import type { AttributionWords } from '../model/vocabulary';
import type { Translator } from './translate';

export function attributionWords(translator: Translator): AttributionWords {
  return {
    noCluster: translator.t('common.attribution.noCluster'),
    consortium: translator.t('common.attribution.consortium'),
    otherCluster: (name) => translator.t('common.attribution.otherCluster', { name }),
    unknownAuthor: translator.t('common.attribution.unknownAuthor'),
    unknownPerson: translator.t('common.attribution.unknownPerson'),
    notOnBoard: (name) => translator.t('common.attribution.notOnBoard', { name }),
  };
}
