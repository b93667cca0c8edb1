/**
 * What the transforms' state and messages are made of: the string encoding of keys
 * ({@link io.sluice.transforms.state.KeyCodec}), the value comparator of min/max and ordering,
 * the binary format of values, and purpose-built serializers (no Kryo, no reflection).
 */
package io.sluice.transforms.state;
