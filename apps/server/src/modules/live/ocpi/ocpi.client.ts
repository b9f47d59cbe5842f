import { AppError } from '../../../platform/errors.js';
import { ocpiVersion, schemaProblems, tokenHeader } from './ocpi.domain.js';
import { validators, type OcpiEndpoint } from './ocpi.schemas.js';

/** Calls to another party's OCPI platform: the side effect of the credentials handshake. */
export interface OcpiPeerClient {
  /** The party's endpoints for OCPI 2.2.1, read from its versions URL with its token (B). */
  endpointsOf(versionsUrl: string, token: string): Promise<{ version: string; endpoints: OcpiEndpoint[] }>;
}

const timeoutMs = 10_000;
const maxResponseBytes = 1024 * 1024;

async function getData(url: string, token: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: tokenHeader(token), accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (error) {
    throw new AppError('OCPI.PEER_UNREACHABLE', `GET ${url} failed (${error instanceof Error ? error.message : String(error)}); check the versions URL and that your platform accepts your token.`);
  }
  const text = await response.text();
  if (text.length > maxResponseBytes) throw new AppError('OCPI.PEER_UNREACHABLE', `GET ${url} answered more than ${maxResponseBytes} bytes.`);
  if (!response.ok) throw new AppError('OCPI.PEER_UNREACHABLE', `GET ${url} answered HTTP ${response.status}; it must answer 200 to the token you sent us.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('OCPI.PEER_UNREACHABLE', `GET ${url} did not answer JSON.`);
  }
  const envelope = body as { status_code?: unknown; data?: unknown };
  if (typeof envelope !== 'object' || envelope === null || envelope.status_code !== 1000) {
    throw new AppError('OCPI.PEER_UNREACHABLE', `GET ${url} did not answer an OCPI response with status_code 1000.`);
  }
  return envelope.data;
}

/** The client over HTTP (Node's fetch). Tests give it a small peer served in the test. */
export function createOcpiPeerClient(): OcpiPeerClient {
  return {
    async endpointsOf(versionsUrl, token) {
      const versions = await getData(versionsUrl, token);
      if (!validators.VersionList.Check(versions)) {
        throw new AppError('OCPI.PEER_UNREACHABLE', schemaProblems(validators.VersionList.Errors(versions), 'version list'));
      }
      const ours = versions.find((v) => v.version === ocpiVersion);
      if (!ours) {
        throw new AppError('OCPI.UNSUPPORTED_VERSION', `Your platform offers OCPI ${versions.map((v) => v.version).join(', ') || 'no version'}; Electrifica speaks ${ocpiVersion}.`);
      }
      const details = await getData(ours.url, token);
      if (!validators.VersionDetails.Check(details)) {
        throw new AppError('OCPI.PEER_UNREACHABLE', schemaProblems(validators.VersionDetails.Errors(details), 'version details'));
      }
      return { version: ocpiVersion, endpoints: details.endpoints };
    },
  };
}
