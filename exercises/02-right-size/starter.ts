import { Stack } from '@course/sim';

/**
 * The launch stack: one EC2 instance that runs the whole app, an Elastic IP attached to it,
 * and a Route 53 record `www.example.com` that points at the Elastic IP.
 */
export function buildStack(): Stack {
  const stack = new Stack('launch', { region: 'us-east-1' });
  const web = stack.instance('web', { instanceType: 't3.micro' });

  // TODO: attach an Elastic IP to `web`.
  // TODO: add a DNS record for www.example.com that points at the Elastic IP.

  return stack;
}
