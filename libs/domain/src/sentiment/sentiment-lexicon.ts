// Valence lexicons for customer messages, AFINN-style (−5 … +5). English entries follow AFINN-165's
// ratings; Russian ones are stems (`*` = any ending) since Russian inflects. Phrases come first and
// consume their words. Kept small and support-specific: accuracy is measured on sentiment-sample.json.

export type Lexicon = Record<string, number>;

export const EN_LEXICON: Lexicon = {
  // negative
  abysmal: -3, angry: -3, annoy: -2, 'annoy*': -2, awful: -3, bad: -3, broke: -2, broken: -2, bug: -1, 'bugs': -1, cancel: -1, 'charged twice': -2,
  cheat: -3, 'cheat*': -3, cold: -1, complain: -2, 'complain*': -2, confusing: -2, confused: -1, 'crash*': -2, damaged: -2, dead: -2, 'delay*': -1,
  disappointed: -2, 'disappoint*': -2, disaster: -3, disgusting: -3, dreadful: -3, error: -1, errors: -1, 'fail*': -2, faulty: -2, fraud: -3,
  frustrated: -2, 'frustrat*': -2, furious: -3, garbage: -3, hate: -3, hated: -3, horrible: -3, 'idiot*': -3, 'incompetent': -3, issue: -1,
  issues: -1, late: -1, lied: -2, lost: -1, mess: -2, missing: -1, nightmare: -3, 'overcharg*': -2, pathetic: -3, poor: -2, problem: -1,
  problems: -1, refund: -1, ridiculous: -3, rubbish: -3, rude: -2, sad: -2, scam: -3, shame: -2, slow: -1, stuck: -2, terrible: -3, tired: -2,
  ugly: -2, unacceptable: -3, unhappy: -2, unhelpful: -2, unusable: -3, upset: -2, useless: -2, waiting: -1, wet: -1, worse: -3, worst: -3, wrong: -2,
  blocked: -1, stopped: -1,
  'not working': -2, "doesn't work": -2, "does not work": -2, "isn't working": -2, 'nothing works': -2, "won't work": -2, 'stopped working': -2,
  'never arrived': -2, 'never came': -2, 'never comes': -2, 'no reply': -2, 'no answer': -2, 'no response': -2, 'nobody answers': -2,
  'nobody cares': -2, 'money back': -2, 'charged me twice': -2, "can't log in": -1, 'waste of time': -3,
  // positive
  amazing: 4, appreciate: 2, appreciated: 2, 'appreciat*': 2, awesome: 4, brilliant: 4, excellent: 3, fantastic: 4, fast: 1, faster: 1, fine: 1,
  fixed: 2, friendly: 2, glad: 2, good: 2, great: 3, happy: 3, helpful: 2, kind: 2, love: 3, loved: 3, lovely: 3, nice: 2, patient: 2,
  perfect: 3, perfectly: 3, pleased: 3, polite: 2, quick: 1, quickly: 1, recommend: 2, resolved: 2, satisfied: 2, smooth: 1, solved: 2,
  super: 3, thank: 2, thanks: 2, thx: 2, wonderful: 4, works: 0, easy: 1, 'on time': 1, 'sorted it out': 2, 'much appreciated': 3,
};

export const RU_LEXICON: Lexicon = {
  // negative
  'ужасн*': -3, 'отвратительн*': -3, 'безобрази*': -3, 'издевательств*': -3, 'обман*': -3, 'кошмар*': -3, 'катастроф*': -3, 'худш*': -3,
  'бешенств*': -3, 'разочарова*': -2, 'вылета*': -2, 'сломал*': -2, 'сломан*': -2, 'бесполезн*': -2, зол: -3, 'злой': -3, 'злюсь': -3,
  'нагруб*': -2, 'груб*': -2, 'медленн*': -1, 'неудобн*': -2, 'плох*': -3, 'недовол*': -3, 'жалоб*': -2, 'устал*': -2, 'бардак': -2,
  'повреж*': -2, 'мокр*': -1, 'лишн*': -1, 'холодн*': -1, 'опоздал*': -1, 'опять': -1, 'заблокирова*': -1, 'отмен*': -1, 'проблем*': -1,
  'ошибк*': -1, 'жду': -1, 'ждать': -1, 'требую': -1, 'мошенн*': -3, 'хамств*': -3, 'позор*': -3, 'бред': -2, 'отстой': -3, 'надоел*': -2,
  'возмут*': -3, 'верните деньги': -2, 'вернуть деньги': -2, 'не работает': -2, 'не работают': -2, 'не отвечает': -2, 'не отвечают': -2,
  'нет ответа': -2, 'не пришл*': -2, 'не решен*': -2, 'не могу': -1, 'всем все равно': -2, 'до сих пор': -1,
  // positive
  'спасибо': 2, 'благодар*': 2, 'отличн*': 3, 'прекрасн*': 3, 'замечательн*': 3, 'супер': 3, 'класс': 2, 'идеальн*': 3, 'молодц*': 3,
  'хорош*': 2, 'доволен': 3, 'довольн*': 3, 'нрав*': 2, 'удобн*': 1, 'быстр*': 1, 'вежлив*': 2, 'помог*': 2, 'помощ*': 1, рад: 2, рада: 2,
  'признател*': 2, 'порекоменд*': 2, 'рекоменд*': 2, 'красив*': 1, 'вовремя': 1, 'уладил*': 2, 'решил*': 2, 'терпелив*': 2, 'неплох*': 2,
  'исправ*': 1, 'люблю': 3, 'восторг*': 4, 'шикарн*': 4, 'чудесн*': 3,
};

export const NEGATORS = new Set(['not', 'no', 'never', "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "can't", 'cannot', "won't", 'не', 'ни', 'нет', 'никогда']);

export const NEGATIVE_EMOJI = /[😡😠🤬😤😞😢😭👎☹🙁😩😫💩]|:-?\(/gu;
export const POSITIVE_EMOJI = /[🙂😊😀😃😄😍👍❤🙏🥰😁🎉]|:-?\)/gu;
