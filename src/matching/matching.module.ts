import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { ReferenceModule } from '../reference/reference.module';
import { CandidatesController } from './candidates.controller';
import { CandidatesService } from './candidates.service';
import { ExclusionsController } from './exclusions/exclusions.controller';
import { ExclusionsService } from './exclusions/exclusions.service';
import { MatchesController } from './matches.controller';
import { MatchesService } from './matches.service';
import { RationingPoliciesController } from './rationing/rationing-policies.controller';
import { RationingPolicies } from './rationing/rationing-policies.service';
import { TransportNetworkProvider } from '../reference/transport-network.provider';

/** HTTP side of matching: proposals, why-not diagnostics, exclusions and rationing policies. */
@Module({
  imports: [ReferenceModule, OutboxModule],
  controllers: [
    MatchesController,
    CandidatesController,
    ExclusionsController,
    RationingPoliciesController,
  ],
  providers: [
    MatchesService,
    CandidatesService,
    TransportNetworkProvider,
    ExclusionsService,
    RationingPolicies,
  ],
  exports: [TransportNetworkProvider],
})
export class MatchingModule {}
