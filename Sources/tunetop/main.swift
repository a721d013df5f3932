import TunetopApp

Tunetop.main()
