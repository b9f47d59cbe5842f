import { Type, type TSchema } from 'typebox';

export const Problem = Type.Ref('Problem');

/** Offset pagination; lists return `{ items, total }`. */
export const Page = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

/** A value or null (JSON Schema `anyOf [T, null]`). */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
