import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { ChannelAdapter, ChannelName } from './channel-adapter';
import { SmsGatewayAdapter } from './sms-gateway.adapter';
import { WhatsAppAdapter } from './whatsapp.adapter';

/** The adapters this deployment configured (CHANNELS), by channel name. */
@Injectable()
export class ChannelAdapters {
  private readonly adapters = new Map<ChannelName, ChannelAdapter>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { whatsapp, sms, sendTimeoutMs } = config.channels;
    if (whatsapp) this.adapters.set('whatsapp', new WhatsAppAdapter(whatsapp, sendTimeoutMs));
    if (sms) this.adapters.set('sms', new SmsGatewayAdapter(sms, sendTimeoutMs));
  }

  enabled(channel: ChannelName): boolean {
    return this.adapters.has(channel);
  }

  /** A callback or a send on a channel this deployment does not offer is a 404. */
  get(channel: ChannelName): ChannelAdapter {
    const adapter = this.adapters.get(channel);
    if (!adapter) throw DomainError.notFound(`Channel ${channel}`);
    return adapter;
  }
}
