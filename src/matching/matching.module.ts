import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { CandidatesController } from './candidates.controller';
import { CandidatesService } from './candidates.service';
import { MatchesController } from './matches.controller';
import { MatchesService } from './matches.service';
import { TransportNetworkProvider } from './transport-network.provider';

/** HTTP side of matching: proposals and why-not diagnostics. */
@Module({
  imports: [ReferenceModule],
  controllers: [MatchesController, CandidatesController],
  providers: [MatchesService, CandidatesService, TransportNetworkProvider],
  exports: [TransportNetworkProvider],
})
export class MatchingModule {}
