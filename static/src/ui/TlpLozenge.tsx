import { TLP_LABELS, TLP_MEANINGS, type Tlp } from '../../../src/domain/tlp';

/** A TLP 2.0 marking as a lozenge in its colour; what it allows is in the title and for screen readers. */
export function TlpLozenge({ tlp, testId = 'tlp' }: { tlp: Tlp; testId?: string }) {
  return (
    <span className={`lozenge tlp tlp-${tlp.replace('+', '-')}`} data-testid={testId} title={TLP_MEANINGS[tlp]}>
      {TLP_LABELS[tlp]}
      <span className="sr-only"> — {TLP_MEANINGS[tlp]}</span>
    </span>
  );
}
