import TunetopApp

Tunetop.runAndExit()
