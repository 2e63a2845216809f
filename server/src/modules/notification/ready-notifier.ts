import { createHmac } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Logger } from '../../core/logger.js';

export interface NotifierOptions {
  /** HANGAR_SMTP_URL, e.g. smtp://user:pass@mail.example.com:587. No URL, no email. */
  smtpUrl?: string;
  /** HANGAR_MAIL_FROM. */
  from: string;
  /** HANGAR_NOTIFY_EMAILS: addresses told about every deployment, besides the deployer. */
  alwaysTo: string[];
  /** HANGAR_WEBHOOK_URL: receives the same event as JSON. */
  webhookUrl?: string;
  /** HANGAR_WEBHOOK_SECRET: signs the webhook body (x-hangar-signature: sha256=<hex HMAC>). */
  webhookSecret?: string;
  logger: Logger;
}

/** The "endpoint is ready" event, as emailed and posted. */
export interface EndpointReadyEvent {
  event: 'deployment.ready';
  deploymentId: string;
  deploymentName: string;
  versionName: string;
  modelName: string;
  endpointUrl: string;
  curl: string;
  at: string;
  /** The deployer's address, when known. */
  recipient: string | null;
}

/** An API key reached 80 % of its monthly token budget (posted to the webhook once per key and month). */
export interface BudgetWarningEvent {
  event: 'budget.warning';
  subject: { kind: string; id: string; name: string; prefix?: string };
  /** The key's deployment; a project's warning names its deployments in `deploymentIds` instead. */
  deploymentId?: string;
  deploymentIds?: string[];
  usedTokens: number;
  monthlyTokenBudget: number;
  periodStart: string;
  periodEnd: string;
  at: string;
}

/**
 * Tells people and systems that a deployment's endpoint is ready (the seed's email, plus a webhook), and systems
 * that a budget is nearly spent (the webhook).
 */
export class ReadyNotifier {
  private transport?: Promise<Transporter>;

  constructor(private readonly options: NotifierOptions) {}

  /** nodemailer is loaded on the first email only: it costs ~10 MB of memory on servers that never send one. */
  private transportFor(smtpUrl: string): Promise<Transporter> {
    this.transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport(smtpUrl),
    );
    return this.transport;
  }

  async notify(event: EndpointReadyEvent): Promise<void> {
    await Promise.all([this.email(event), this.webhook(event)]);
  }

  private async email(event: EndpointReadyEvent): Promise<void> {
    const to = [...new Set([event.recipient, ...this.options.alwaysTo].filter((a): a is string => !!a))];
    if (!this.options.smtpUrl || to.length === 0) return;
    try {
      const transport = await this.transportFor(this.options.smtpUrl);
      await transport.sendMail({
        from: this.options.from,
        to,
        subject: `Your deployment ${event.deploymentName} is ready`,
        text: [
          `${event.versionName} of ${event.modelName} is deployed and its endpoint is ready to use.`,
          '',
          `Endpoint: ${event.endpointUrl}`,
          '',
          'Try it (create an API key under "Manage API keys" first):',
          '',
          event.curl,
        ].join('\n'),
      });
    } catch (error) {
      this.options.logger.warn(
        { err: error, deploymentId: event.deploymentId },
        'could not send the ready email',
      );
    }
  }

  /** The webhook only: a budget belongs to a system, whose owner reads the event line and the audit log. */
  notifyBudgetWarning(event: BudgetWarningEvent): Promise<void> {
    return this.webhook(event);
  }

  private async webhook(event: EndpointReadyEvent | BudgetWarningEvent): Promise<void> {
    if (!this.options.webhookUrl) return;
    const body = JSON.stringify({ ...event, recipient: undefined });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.webhookSecret) {
      headers['x-hangar-signature'] =
        `sha256=${createHmac('sha256', this.options.webhookSecret).update(body).digest('hex')}`;
    }
    try {
      const response = await fetch(this.options.webhookUrl, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    } catch (error) {
      this.options.logger.warn(
        { err: error, deploymentId: event.deploymentId, event: event.event },
        'the webhook failed',
      );
    }
  }

  close(): void {
    void this.transport?.then(
      (transport) => transport.close(),
      () => undefined,
    );
  }
}
