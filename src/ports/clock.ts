/** Where the app reads the current time. Domain code never reads a clock; it receives `now`. */
export interface Clock {
  now(): Date;
}
