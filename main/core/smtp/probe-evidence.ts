/**
 * A probe result as check evidence: plain JSON (interfaces are not index-signature types), with the
 * stage timings, the greeting, the capabilities and the whole transcript a person can read.
 */
import type { Json } from '../../../preload/vocabulary/checks.js';
import type { EvidenceOf } from '../../../preload/vocabulary/evidence.js';
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

/** What smtp.* and tls.handshake record: the one probe of the smart host, as its schema has it. */
export type ProbeEvidence = EvidenceOf<'smtp.connect'>;

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
