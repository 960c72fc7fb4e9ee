/**
 * The parts of a training, in the order they run, as train() tells them to whoever shows its
 * progress (the CLI's progress line): each is announced as it starts, so a long pip install is
 * seen as one, not as "training".
 */
export type TrainingPhase = 'run-cache' | 'python' | 'install' | 'train' | 'evaluate' | 'upload'

export interface PhaseChange {
  phase: TrainingPhase
  /** For `train` and `evaluate` given as several commands: which one runs now (1-based). */
  step?: { index: number; count: number; command: string }
}

/** Told each phase as it starts; must not throw. */
export type PhaseListener = (change: PhaseChange) => void
