module leak

go 1.19
