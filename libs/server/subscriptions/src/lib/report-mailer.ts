import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

export type PackMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
};

/**
 * Sends report packs over SMTP with nodemailer (SMTP_URL). Each email carries the RFC 8058 one-click
 * unsubscribe headers, so mail clients offer "Unsubscribe" next to the sender.
 */
export class ReportMailer {
  private transport?: Transporter;

  constructor(
    private readonly smtpUrl: string | undefined,
    private readonly from: string,
  ) {}

  async send(mail: PackMail): Promise<string> {
    if (!this.smtpUrl) throw new Error('SMTP_URL is not set: report packs cannot be emailed.');
    this.transport ??= nodemailer.createTransport(this.smtpUrl);
    const info = await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments,
      list: { unsubscribe: { url: mail.unsubscribeUrl, comment: 'Unsubscribe from this report pack' } },
      headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    return info.messageId;
  }

  close(): void {
    this.transport?.close();
  }
}
