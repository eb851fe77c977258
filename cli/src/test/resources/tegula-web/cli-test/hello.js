export const fromClasspath = true;
