/**
 * A probe result as check evidence: plain JSON (interfaces are not index-signature types), with the
 * stage timings, the greeting, the capabilities and the whole transcript a person can read.
 */
import type { Json } from '../../../preload/vocabulary/checks.js';
import type { ProbeStage, SmtpProbeResult } from './probe-types.js';

function stageJson(stage: ProbeStage): Json {
  return {
    name: stage.name,
    outcome: stage.outcome,
    durationMs: stage.durationMs,
    ...(stage.code === undefined ? {} : { code: stage.code }),
    detail: stage.detail,
  };
}

/**
 * What smtp.* and tls.handshake record: the one probe of the smart host. Spelled out (the schema's
 * inferred type marks optional keys "| undefined", which JSON evidence cannot hold); the checks'
 * typed outcomes make the compiler hold it to the smtp.connect schema.
 */
export type ProbeEvidence = {
  readonly host: string;
  readonly address: string;
  readonly port: number;
  readonly totalMs: number;
  readonly stages: readonly Json[];
  readonly banner: string | null;
  readonly capabilities: readonly string[];
  readonly capabilitiesAfterTls?: readonly string[];
  readonly tls: Json;
  readonly transcript: readonly string[];
};

export function probeEvidence(probe: SmtpProbeResult): ProbeEvidence {
  return {
    host: probe.host,
    address: probe.address,
    port: probe.port,
    totalMs: probe.totalMs,
    stages: probe.stages.map(stageJson),
    banner: probe.banner,
    capabilities: probe.capabilities,
    ...(probe.capabilitiesAfterTls === undefined ? {} : { capabilitiesAfterTls: probe.capabilitiesAfterTls }),
    tls:
      probe.tls === null
        ? null
        : {
            protocol: probe.tls.protocol,
            cipher: probe.tls.cipher,
            authorized: probe.tls.authorized,
            authorizationError: probe.tls.authorizationError,
            chainLength: probe.tls.peerChainDer.length,
          },
    transcript: probe.transcript.map((line) => `+${line.atMs}ms ${line.direction === 'client' ? 'C:' : line.direction === 'server' ? 'S:' : '--'} ${line.text}`),
  };
}
