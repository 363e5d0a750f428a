import type { Engagement } from '../../../../preload/contract';
import { BounceDecoder } from './bounce/BounceDecoder';
import { HeaderAnalyser } from './header-analyser/HeaderAnalyser';
import { TestMessageForm } from './test-message/TestMessageForm';
import './TestStepTools.css';

/** The Test step's tools: send a test message, read the path of a received one, decode a bounce. */
export function TestStepTools({ engagement }: { engagement: Engagement }) {
  return (
    <div className="ts-tools">
      <section className="card ts-section" aria-labelledby="ts-send-heading">
        <h2 id="ts-send-heading">Send a test message</h2>
        <p className="muted">Hand a message to a server the way your connectors will, and see what it answers.</p>
        <TestMessageForm key={engagement.id} engagement={engagement} />
      </section>
      <section className="card ts-section" aria-labelledby="ts-headers-heading">
        <h2 id="ts-headers-heading">Where did the message go?</h2>
        <p className="muted">Paste the headers of a test message to see every server it passed, how long each hop took, whether it was encrypted and how Office 365 judged it.</p>
        <HeaderAnalyser engagementId={engagement.id} />
      </section>
      <section className="card ts-section" aria-labelledby="ts-bounce-heading">
        <h2 id="ts-bounce-heading">Why did it bounce?</h2>
        <p className="muted">Paste a non-delivery report to see what its code means, the likely cause between Office 365 and your server, and the fix.</p>
        <BounceDecoder engagementId={engagement.id} />
      </section>
    </div>
  );
}
