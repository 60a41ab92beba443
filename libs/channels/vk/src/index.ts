export * from './vk.adapter';
export * from './vk-config';
export * from './vk-event';
export * from './vk-keyboard';
export * from './vk-media';
export * from './vk-names';
export * from './vk-random-id';
export * from './vk-longpoll';
