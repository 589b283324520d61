/** Question understanding (see plan.ts): the plan, and the follow-up rewriting that precedes it. */
export { planQuery, planRequest, type QueryPlan } from './plan.js';
export { resolveFollowUp } from './follow-up.js';
export { cardField, detectIntent, type CardField } from './intent.js';
export { detectLanguage, languageOf } from './language.js';
export { liveDate } from './live-date.js';
export { foldedWords, isFunctionSyllable, pairView, questionWords } from './words.js';
export { collectionAsk, latestSpan, smallTalk, type CollectionAsk } from './collection.js';
