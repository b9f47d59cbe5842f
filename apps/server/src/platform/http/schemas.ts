import { Type } from 'typebox';

export const Problem = Type.Ref('Problem');

/** Offset pagination; lists return `{ items, total }`. */
export const Page = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
