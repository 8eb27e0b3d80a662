import App

// The executable only hands over to the command tree in App (issue #2).
await LoaCommand.runFromCommandLine()
