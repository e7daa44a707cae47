/** A view that throws shows what happened and a way on, instead of blanking the whole window. */
import { Alert, Button, Code, Stack, Text } from '@mantine/core'
import { Component, type ErrorInfo, type ReactNode } from 'react'

interface State { error: Error | null }

export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('a view failed', error, info.componentStack)
  }

  override componentDidUpdate(prev: { resetKey?: string }): void {
    // Going to another section or space gives the view another chance.
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null })
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children
    return (
      <Alert color="red" title="This view failed" role="alert">
        <Stack gap="xs">
          <Text size="sm">Your data is safe on your peer. Try again, or open another section.</Text>
          <Code block>{this.state.error.message}</Code>
          <Button size="xs" variant="light" color="red" w="fit-content" onClick={() => this.setState({ error: null })}>Try again</Button>
        </Stack>
      </Alert>
    )
  }
}
