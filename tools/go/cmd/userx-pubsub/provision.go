package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"cloud.google.com/go/pubsub/v2/pstest"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
)

// provisionFile lists topics and subscriptions in the JSON form of Pub/Sub's
// API resources (pubsubpb.Topic, pubsubpb.Subscription). pstest keeps
// everything in memory, so creating them at start means a restarted server
// has them again before anything can publish.
type provisionFile struct {
	Topics        []json.RawMessage `json:"topics"`
	Subscriptions []json.RawMessage `json:"subscriptions"`
}

// provision creates the topics, then the subscriptions, of the file at path;
// what exists already is left as it is.
func provision(ctx context.Context, server *pstest.GServer, path string) (topics, subscriptions int, err error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	var file provisionFile
	if err := json.Unmarshal(raw, &file); err != nil {
		return 0, 0, fmt.Errorf("%s: %w", path, err)
	}
	for _, entry := range file.Topics {
		topic := &pubsubpb.Topic{}
		if err := protojson.Unmarshal(entry, topic); err != nil {
			return topics, subscriptions, fmt.Errorf("%s: topic %s: %w", path, entry, err)
		}
		if _, err := server.CreateTopic(ctx, topic); err != nil && status.Code(err) != codes.AlreadyExists {
			return topics, subscriptions, fmt.Errorf("topic %s: %w", topic.GetName(), err)
		}
		topics++
	}
	for _, entry := range file.Subscriptions {
		sub := &pubsubpb.Subscription{}
		if err := protojson.Unmarshal(entry, sub); err != nil {
			return topics, subscriptions, fmt.Errorf("%s: subscription %s: %w", path, entry, err)
		}
		if _, err := server.CreateSubscription(ctx, sub); err != nil && status.Code(err) != codes.AlreadyExists {
			return topics, subscriptions, fmt.Errorf("subscription %s: %w", sub.GetName(), err)
		}
		subscriptions++
	}
	return topics, subscriptions, nil
}
