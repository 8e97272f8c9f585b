// Placeholder replaced below
module.exports = async () => {};
