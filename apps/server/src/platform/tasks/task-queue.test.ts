import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-app.js';
import type { DatabaseHandle } from '../db/database.js';
import { TaskQueue } from './task-queue.js';

let database: DatabaseHandle;
let drop: () => Promise<void>;
const quiet = { info: () => undefined, error: () => undefined };

beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await drop?.();
});

const statusOf = async (id: number) =>
  database.db.selectFrom('task').select(['status', 'attempts', 'last_error']).where('id', '=', id).executeTakeFirstOrThrow();

describe('TaskQueue', () => {
  it('runs a task once and marks it done', async () => {
    const queue = new TaskQueue(database.db, quiet);
    const seen: unknown[] = [];
    queue.register('test.echo', async (payload) => {
      seen.push(payload);
    });
    const id = await queue.enqueue('test.echo', { n: 1 });
    expect(await queue.drain()).toBe(1);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await statusOf(id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await queue.drain()).toBe(0);
  });

  it('retries a failing task later, then gives up after max attempts', async () => {
    const queue = new TaskQueue(database.db, quiet);
    let calls = 0;
    queue.register('test.flaky', async () => {
      calls++;
      throw new Error(`attempt ${calls} failed`);
    });
    const id = await queue.enqueue('test.flaky', {});
    await queue.drain();
    expect(await statusOf(id)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'attempt 1 failed' });
    // Backoff put it in the future; nothing is due now.
    expect(await queue.drain()).toBe(0);
    for (let i = 0; i < 2; i++) {
      await database.db.updateTable('task').set({ run_at: sql<Date>`now() - interval '1 second'` }).where('id', '=', id).execute();
      await queue.drain();
    }
    expect(await statusOf(id)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'attempt 3 failed' });
    expect(calls).toBe(3);
  });

  it('picks up tasks a crashed process left running', async () => {
    const queue = new TaskQueue(database.db, quiet);
    let ran = false;
    queue.register('test.recover', async () => {
      ran = true;
    });
    const id = await queue.enqueue('test.recover', {});
    await database.db.updateTable('task').set({ status: 'running', locked_at: new Date() }).where('id', '=', id).execute();
    expect(await queue.drain()).toBe(0);
    await queue.start();
    await queue.stop();
    await queue.drain();
    expect(ran).toBe(true);
    expect((await statusOf(id)).status).toBe('done');
  });

  it('refuses to enqueue a task nobody handles', async () => {
    const queue = new TaskQueue(database.db, quiet);
    await expect(queue.enqueue('test.unknown', {})).rejects.toThrow(/No task handler/);
  });
});
