/** The registration this page made, shared by register.ts and clear.ts when they share a bundle. */
export const thisPage: { registration: ServiceWorkerRegistration | undefined } = { registration: undefined };
