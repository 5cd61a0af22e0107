import { Injectable } from '@nestjs/common';
import { DomainError, FieldProblem } from '../common/domain-error';
import { reachFrom, reachInto } from './engine';
import { TransportNetworkProvider } from '../reference/transport-network.provider';
import { ReferenceService } from '../reference/reference.service';

/** Rounds a day count down to 0.1 day: the best value offered must itself be satisfiable. */
const floorTenth = (days: number) => Math.floor(days * 10 + 1e-9) / 10;

/**
 * Refuses, at creation and edit, a request or listing that no transport option could ever
 * satisfy (422 naming the field, the rule and the best value possible). Only what holds whatever
 * the counterpart is checked here; the rest is for the why-not diagnostics, because a fitting
 * counterpart may still come.
 */
@Injectable()
export class MarketFeasibility {
  constructor(
    private readonly networks: TransportNetworkProvider,
    private readonly reference: ReferenceService,
  ) {}

  async assertRequestSatisfiable(fields: {
    commodityCode: string;
    destinationRegionCode: string;
    deliverBy: Date;
    minShelfLifeDaysOnArrival: number;
    /** The minimum counts chilled days (the buyer declared cold storage). */
    coldStorage?: boolean;
  }): Promise<void> {
    const commodity = this.reference.commodity(fields.commodityCode);
    if (!commodity) return; // reported as a 400 by the caller's validation
    const { network } = await this.networks.get();
    const now = Date.now();
    const reach = reachInto(network, fields.destinationRegionCode, commodity);
    const problems: FieldProblem[] = [];
    if (reach === null) {
      problems.push({
        field: 'destinationRegionCode',
        rule: 'transport',
        message: `no road, sea or air route reaches ${fields.destinationRegionCode}`,
      });
    } else {
      const chilled = fields.coldStorage === true;
      const bestDays = chilled ? reach.bestChilledShelfLifeDays : reach.bestShelfLifeDays;
      const best = floorTenth(Math.max(bestDays, 0));
      if (fields.minShelfLifeDaysOnArrival > bestDays + 1e-8) {
        problems.push({
          field: 'minShelfLifeDaysOnArrival',
          rule: 'shelf_life',
          best,
          message:
            bestDays === -Infinity
              ? `${commodity.nameEn} must travel chilled door to door, and no route into ` +
                `${fields.destinationRegionCode} keeps the cold chain`
              : `${commodity.nameEn} keeps at most ${best.toFixed(1)} ${chilled ? 'chilled ' : ''}` +
                `days on arrival in ${fields.destinationRegionCode}, even freshly harvested by ` +
                `the best option; ask for at most ${best.toFixed(1)} days`,
        });
      }
      const earliest = new Date(now + reach.fastestTransitMs);
      if (fields.deliverBy.getTime() < earliest.getTime()) {
        // A minute of margin, so that the value offered still holds when it is sent back.
        const offer = new Date(Math.ceil((earliest.getTime() + 60_000) / 60_000) * 60_000);
        problems.push({
          field: 'deliverBy',
          rule: 'window',
          best: offer.toISOString(),
          message:
            `nothing can arrive in ${fields.destinationRegionCode} before ${earliest.toISOString()} ` +
            `(the fastest option from anywhere); deliverBy must be on or after ${offer.toISOString()}`,
        });
      }
    }
    if (problems.length > 0) throw DomainError.unsatisfiable(problems);
  }

  async assertListingSatisfiable(fields: {
    commodityCode: string;
    originRegionCode: string;
    availableFrom: Date;
    harvestedAt: Date | null;
  }): Promise<void> {
    const commodity = this.reference.commodity(fields.commodityCode);
    if (!commodity) return;
    // A window already over is a 400 of the caller's validation; this checks what lies ahead.
    const now = Date.now();
    const problems: FieldProblem[] = [];
    const { network } = await this.networks.get();
    const departure = Math.max(now, fields.availableFrom.getTime());
    const harvestedAt = (fields.harvestedAt ?? fields.availableFrom).getTime();
    const reach = reachFrom(network, fields.originRegionCode, commodity, harvestedAt, departure);
    if (reach === null) {
      problems.push({
        field: 'originRegionCode',
        rule: 'transport',
        message: `no road, sea or air route leaves ${fields.originRegionCode}`,
      });
    } else if (reach.bestShelfLifeDays <= 0) {
      const spoils = new Date(harvestedAt + commodity.shelfLifeDaysAmbient * 86_400_000);
      problems.push({
        field: fields.harvestedAt ? 'harvestedAt' : 'availableFrom',
        rule: 'shelf_life',
        best: spoils.toISOString(),
        message:
          `goods harvested on ${new Date(harvestedAt).toISOString()} spoil by ${spoils.toISOString()}, ` +
          `before they could arrive anywhere; ship earlier or list a fresher harvest`,
      });
    }
    if (problems.length > 0) throw DomainError.unsatisfiable(problems);
  }
}
