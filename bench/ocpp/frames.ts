/**
 * OCPP-J framing (OCPP-J 1.6 §4, OCPP 2.0.1 part 4 §4): every WebSocket message is a JSON
 * array — CALL `[2, id, action, payload]`, CALLRESULT `[3, id, payload]`, CALLERROR
 * `[4, id, code, description, details]`. Pure: no sockets, no clocks.
 */

export type OcppVersion = 'ocpp1.6' | 'ocpp2.0.1';

export const messageType = { call: 2, callResult: 3, callError: 4 } as const;

export type IncomingFrame =
  | { kind: 'result'; id: string; payload: unknown }
  | { kind: 'error'; id: string; code: string; description: string; details: unknown }
  | { kind: 'call'; id: string; action: string; payload: unknown }
  /** Not an OCPP-J frame at all; `id` is kept when one could be read, so a charger can still answer. */
  | { kind: 'invalid'; id: string | null; reason: string };

export function callFrame(id: string, action: string, payload: unknown): string {
  return JSON.stringify([messageType.call, id, action, payload]);
}

export function callResultFrame(id: string, payload: unknown): string {
  return JSON.stringify([messageType.callResult, id, payload]);
}

export function callErrorFrame(id: string, code: string, description: string): string {
  return JSON.stringify([messageType.callError, id, code, description, {}]);
}

/** Reads one frame as the CSMS sent it; anything that is not an OCPP-J frame comes back as `invalid`. */
export function parseFrame(data: string): IncomingFrame {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { kind: 'invalid', id: null, reason: 'not JSON' };
  }
  if (!Array.isArray(value)) return { kind: 'invalid', id: null, reason: 'not a JSON array' };
  const [type, id] = value as unknown[];
  if (typeof id !== 'string') return { kind: 'invalid', id: null, reason: 'no message id' };
  switch (type) {
    case messageType.callResult:
      if (value.length !== 3) return { kind: 'invalid', id, reason: `CALLRESULT with ${value.length} elements (3 expected)` };
      return { kind: 'result', id, payload: value[2] };
    case messageType.callError:
      if (value.length !== 5 || typeof value[2] !== 'string' || typeof value[3] !== 'string') {
        return { kind: 'invalid', id, reason: 'CALLERROR is not [4, id, code, description, details]' };
      }
      return { kind: 'error', id, code: value[2], description: value[3], details: value[4] };
    case messageType.call:
      if (value.length !== 4 || typeof value[2] !== 'string') return { kind: 'invalid', id, reason: 'CALL is not [2, id, action, payload]' };
      return { kind: 'call', id, action: value[2], payload: value[3] };
    default:
      return { kind: 'invalid', id, reason: `unknown message type ${JSON.stringify(type)}` };
  }
}

/** `Authorization: Basic …` for security profiles 1 and 2 (the identity is the user name). */
export function basicAuthHeader(identity: string, password: string): string {
  return `Basic ${Buffer.from(`${identity}:${password}`, 'utf8').toString('base64')}`;
}
