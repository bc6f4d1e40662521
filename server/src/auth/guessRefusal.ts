import type { Response } from 'express'
import { tooManyAttempts } from '../errors.ts'

/**
 * Lets a counted guess (at a password or a join code) through when its wait is 0 seconds;
 * otherwise refuses it with 429 `too_many_attempts` and Retry-After before it is checked, so
 * that the answer is the same whether it was right or not.
 */
export function refuseWhileWaiting(seconds: number, response: Response): void {
  if (seconds <= 0) return
  response.set('Retry-After', String(seconds))
  throw tooManyAttempts(seconds)
}
