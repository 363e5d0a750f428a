import { useEffect } from 'react';
import { CodeBlock } from '../../ui/CodeBlock';
import type { Engagement } from '../../../../preload/contract';
import { useOwnError } from '../../api/errors';
import { ScriptActions } from './ScriptActions';
import { useScriptsStore } from './scripts-store';

/** The ready-to-run scripts for both sides, each with what every parameter means. */
export function ScriptsPanel({ engagement }: { engagement: Engagement }) {
  const { loaded, load } = useScriptsStore();
  const scripts = loaded?.engagementId === engagement.id ? loaded.scripts : null;
  const problem = useOwnError('scripts');

  useEffect(() => {
    void load(engagement.id);
  }, [load, engagement]);

  return (
    <section className="card section-card" aria-labelledby="scripts-heading">
      <h2 id="scripts-heading">Scripts</h2>
      {problem !== null && <p className="inline-problem">{problem.message}</p>}
      {scripts?.ok === false && (
        <ul className="inline-problem list">
          {scripts.problems.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {scripts?.ok === true && (
        <>
          {scripts.note !== null && <p className="check-advice">{scripts.note}</p>}
          {scripts.scripts.map((script) => (
            <article key={script.filename} className="script">
              <div className="card-header">
                <h3>{script.title}</h3>
                <ScriptActions script={script} />
              </div>
              <CodeBlock label={script.title}>{script.content}</CodeBlock>
              <details className="check-details">
                <summary>What each parameter means</summary>
                <dl className="evidence">
                  {script.parameters.map((parameter) => (
                    <div key={parameter.name} className="evidence-row">
                      <dt>{parameter.name}</dt>
                      <dd>{parameter.explanation}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            </article>
          ))}
        </>
      )}
    </section>
  );
}
