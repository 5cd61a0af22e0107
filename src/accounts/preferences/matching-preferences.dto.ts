import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class MatchingPreferencesDto {
  @ApiProperty({
    description:
      'receive proposals only for listings and requests of organizations verified by a platform administrator',
  })
  @IsBoolean()
  verifiedCounterpartsOnly: boolean;
}

export class MatchingPreferencesView {
  @ApiProperty() verifiedCounterpartsOnly: boolean;
}
