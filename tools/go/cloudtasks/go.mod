// The Cloud Tasks emulator lives in a module of its own: it implements the
// Cloud Tasks gRPC server interface from google.golang.org/genproto of 2019,
// and the newer genproto that the Pub/Sub fake needs maps that interface onto
// cloud.google.com/go/cloudtasks, whose server interface has since gained
// methods (BatchCreateTasks) that the emulator lacks, so the two do not build
// together. Built with `go build github.com/aertje/cloud-tasks-emulator`.
module userx/tools/cloudtasks

go 1.26

tool github.com/aertje/cloud-tasks-emulator

require (
	github.com/aertje/cloud-tasks-emulator v1.2.0 // indirect
	github.com/golang-jwt/jwt v3.2.1+incompatible // indirect
	github.com/golang/protobuf v1.3.2 // indirect
	golang.org/x/net v0.0.0-20200226121028-0de0cce0169b // indirect
	golang.org/x/sys v0.0.0-20190624142023-c5567b49c5d0 // indirect
	golang.org/x/text v0.3.2 // indirect
	google.golang.org/genproto v0.0.0-20191115221424-83cc0476cb11 // indirect
	google.golang.org/grpc v1.25.1 // indirect
)
