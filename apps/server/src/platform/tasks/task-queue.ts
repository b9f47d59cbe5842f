import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export interface TaskContext {
  taskId: number;
  attempt: number;
}
export type TaskHandler = (payload: Record<string, unknown>, context: TaskContext) => Promise<void>;

export interface TaskLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * A small Postgres-backed task queue (see docs/adr/0003-task-queue.md for why not
 * pg-boss/graphile-worker): tasks are rows, claimed with `for update skip locked`,
 * retried with backoff, and recovered after a crash. Works on PGlite and PostgreSQL.
 */
export class TaskQueue {
  readonly #db: Db;
  readonly #handlers = new Map<string, TaskHandler>();
  readonly #log: TaskLogger;
  readonly #pollMs: number;
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #stopped = true;
  #idle: Promise<void> = Promise.resolve();

  constructor(db: Db, log: TaskLogger, options: { pollMs?: number } = {}) {
    this.#db = db;
    this.#log = log;
    this.#pollMs = options.pollMs ?? 1000;
  }

  register(name: string, handler: TaskHandler): void {
    this.#handlers.set(name, handler);
  }

  async enqueue(name: string, payload: Record<string, unknown>, db: Db = this.#db): Promise<number> {
    if (!this.#handlers.has(name)) throw new Error(`No task handler registered for "${name}"`);
    const row = await db
      .insertInto('task')
      .values({ name, payload: JSON.stringify(payload) })
      .returning('id')
      .executeTakeFirstOrThrow();
    this.wake();
    return row.id;
  }

  /** Starts polling. Tasks left `running` by a crashed process are made pending again. */
  async start(): Promise<void> {
    await this.#db
      .updateTable('task')
      .set({ status: 'pending', locked_at: null })
      .where('status', '=', 'running')
      .execute();
    this.#stopped = false;
    this.wake();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#idle;
  }

  wake(): void {
    if (this.#stopped || this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#loop(), 0);
  }

  /** Runs pending tasks until none is due; returns how many ran. */
  async drain(): Promise<number> {
    let count = 0;
    while (await this.runOne()) count++;
    return count;
  }

  async #loop(): Promise<void> {
    if (this.#running || this.#stopped) return;
    this.#running = true;
    let release!: () => void;
    this.#idle = new Promise((resolve) => (release = resolve));
    try {
      while (!this.#stopped && (await this.runOne()));
    } catch (error) {
      this.#log.error({ err: error }, 'task loop error');
    } finally {
      this.#running = false;
      release();
      if (!this.#stopped) this.#timer = setTimeout(() => void this.#loop(), this.#pollMs);
    }
  }

  async runOne(): Promise<boolean> {
    const claimed = await sql<{ id: number; name: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }>`
      update task set status = 'running', locked_at = now(), attempts = attempts + 1
      where id = (
        select id from task where status = 'pending' and run_at <= now()
        order by run_at, id for update skip locked limit 1
      )
      returning id, name, payload, attempts, max_attempts`.execute(this.#db);
    const task = claimed.rows[0];
    if (!task) return false;
    const handler = this.#handlers.get(task.name);
    try {
      if (!handler) throw new Error(`No task handler registered for "${task.name}"`);
      await handler(task.payload, { taskId: task.id, attempt: task.attempts });
      await this.#db.updateTable('task').set({ status: 'done', locked_at: null }).where('id', '=', task.id).execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = task.attempts >= task.max_attempts;
      this.#log.error({ err: error, taskId: task.id, task: task.name, attempt: task.attempts }, 'task failed');
      await this.#db
        .updateTable('task')
        .set({
          status: giveUp ? 'failed' : 'pending',
          locked_at: null,
          last_error: message,
          run_at: sql<Date>`now() + make_interval(secs => ${2 ** task.attempts})`,
        })
        .where('id', '=', task.id)
        .execute();
    }
    return true;
  }
}
