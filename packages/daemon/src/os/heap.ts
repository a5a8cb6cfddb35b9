// V8 heap settings for a long-running daemon that should stay small.
//
// V8's young generation starts at 1 MB per semi-space and doubles, up to 16 MB, whenever many
// objects survive a scavenge, which a burst (starting a thousand programs, a status of a thousand
// programs) makes them do. Both semi-spaces stay committed afterwards, so a tendd with 1000
// programs sat at 90–110 MB of RSS instead of about 70 MB, and V8's memory reducer gave some back
// only 10–20 s later. tendd keeps the young generation at its first size: it costs a few more
// (cheap) scavenges during bursts and nothing when idle. The maximum size can only be set on
// Node's command line, but the growth factor is read each time the space would grow, so it can
// be set here, before the first burst.
import { setFlagsFromString } from 'node:v8';

export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
