/**
 * Acme's terms for deploying models, the page the deploy wizard's "I accept all the Terms and Conditions"
 * refers to. A real host writes its own; this one says what an operator of this console agrees to.
 */
export function TermsPage() {
  return (
    <article className="acme-terms">
      <h1>Terms and Conditions</h1>
      <p>By deploying a model from this console you confirm that:</p>
      <ol>
        <li>you have the right to run the model under its licence, including for the use you put it to;</li>
        <li>
          requests and answers of the endpoint are processed on Acme&apos;s own servers and are not shared;
        </li>
        <li>you are responsible for what applications do with the API keys you create;</li>
        <li>
          deployments use shared hardware and may be undeployed automatically when idle or out of memory.
        </li>
      </ol>
      <p>
        <a href="#/deploy">Back to deploying a model</a>
      </p>
    </article>
  );
}
